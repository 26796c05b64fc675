module.exports = {
  displayName: 'screening',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/screening',
};
