module.exports = {
  displayName: 'panels',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/panels',
};
