module.exports = {
  displayName: 'needs',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/needs',
};
